// One shim header for libnice (and the GLib it is built on). Swift cannot import G_CALLBACK,
// variadic g_object_set or the g_signal_connect macro; the inline helpers below stand in for them.
#ifndef CPARLEY_NICE_SHIM_H
#define CPARLEY_NICE_SHIM_H
#include <nice/agent.h>
#include <glib.h>
#include <glib-object.h>

static inline gulong cparley_signal_connect(NiceAgent *instance, const gchar *signal, void *callback, gpointer data) {
  return g_signal_connect_data(instance, signal, (GCallback)callback, data, NULL, (GConnectFlags)0);
}

static inline void cparley_object_set_bool(NiceAgent *object, const gchar *name, gboolean value) {
  g_object_set(object, name, value, NULL);
}

static inline void cparley_object_set_uint(NiceAgent *object, const gchar *name, guint value) {
  g_object_set(object, name, value, NULL);
}

static inline void cparley_object_set_string(NiceAgent *object, const gchar *name, const gchar *value) {
  g_object_set(object, name, value, NULL);
}

static inline void cparley_agent_unref(NiceAgent *agent) { g_object_unref(agent); }

static inline void cparley_agent_disconnect(NiceAgent *agent, gulong handler) { g_signal_handler_disconnect(agent, handler); }

static inline void cparley_candidate_set_foundation(NiceCandidate *candidate, const gchar *foundation) {
  g_strlcpy(candidate->foundation, foundation, NICE_CANDIDATE_MAX_FOUNDATION);
}

static inline const gchar *cparley_candidate_foundation(const NiceCandidate *candidate) { return candidate->foundation; }

static inline void cparley_free_candidate_list(GSList *list) {
  g_slist_free_full(list, (GDestroyNotify)nice_candidate_free);
}
#endif
