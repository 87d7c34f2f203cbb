// One shim header for libnice (and the GLib it is built on). Swift cannot import G_CALLBACK,
// variadic g_object_set or the g_signal_connect macro; the inline helpers below stand in for them.
#ifndef CPARLEY_NICE_SHIM_H
#define CPARLEY_NICE_SHIM_H
#include <nice/agent.h>
#include <glib.h>
#include <glib-object.h>

static inline gulong cparley_signal_connect(gpointer instance, const gchar *signal, void *callback, gpointer data) {
  return g_signal_connect_data(instance, signal, (GCallback)callback, data, NULL, (GConnectFlags)0);
}

static inline void cparley_object_set_bool(gpointer object, const gchar *name, gboolean value) {
  g_object_set(object, name, value, NULL);
}

static inline void cparley_object_set_uint(gpointer object, const gchar *name, guint value) {
  g_object_set(object, name, value, NULL);
}

static inline void cparley_object_set_string(gpointer object, const gchar *name, const gchar *value) {
  g_object_set(object, name, value, NULL);
}
#endif
