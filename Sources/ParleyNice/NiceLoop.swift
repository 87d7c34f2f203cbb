import CParleyNice
import Dispatch

/// One network thread: a GLib main loop on a private `GMainContext` (never the global default).
///
/// libnice agents created on this loop deliver their callbacks on this thread only. Work from other
/// threads reaches it through ``invoke(_:)``, which wakes the loop at once (GLib's context wake-up
/// is thread-safe); an idle loop sleeps in `poll` and costs nothing.
///
/// The context and loop are GLib objects whose cross-thread operations (`invoke`, `quit`) are
/// documented as thread-safe; everything else runs on the loop thread, hence `@unchecked Sendable`.
public final class NiceLoop: @unchecked Sendable {
  let context: OpaquePointer
  private let loop: OpaquePointer
  private var thread: UnsafeMutablePointer<GThread>?

  /// Starts the thread and its main loop. `name` shows in `top -H` and debuggers (15 bytes at most).
  public init(name: String = "parley-net") {
    context = g_main_context_new()
    loop = g_main_loop_new(context, 0)
    let box = Unmanaged.passRetained(LoopStart(context: context, loop: loop))
    // g_thread_new names the thread and aborts the process if no thread can be made.
    thread = g_thread_new(
      String(name.prefix(15)),
      { raw in
        let start = Unmanaged<LoopStart>.fromOpaque(raw!).takeRetainedValue()
        g_main_context_push_thread_default(start.context)
        g_main_loop_run(start.loop)
        g_main_context_pop_thread_default(start.context)
        return nil
      }, box.toOpaque())
    // Return only once g_main_loop_run is under way: a quit that came before it would be lost
    // (g_main_loop_run sets the loop running again) and stop() would wait forever.
    invokeAndWait {}
  }

  /// Runs `work` on the loop thread as soon as the loop gets to it.
  public func invoke(_ work: @escaping @Sendable () -> Void) {
    let box = Unmanaged.passRetained(Work(work)).toOpaque()
    g_main_context_invoke_full(
      context, G_PRIORITY_DEFAULT,
      { raw in
        Unmanaged<Work>.fromOpaque(raw!).takeUnretainedValue().run()
        return 0  // G_SOURCE_REMOVE
      }, box,
      { raw in
        Unmanaged<Work>.fromOpaque(raw!).release()
      })
  }

  /// Runs `work` on the loop thread and waits for its result. Runs inline when called on the loop thread.
  public func invokeAndWait<T: Sendable>(_ work: @escaping @Sendable () -> T) -> T {
    if g_main_context_is_owner(context) != 0 { return work() }
    let result = ResultBox<T>()
    invoke {
      result.value = work()
      result.done.signal()
    }
    result.done.wait()
    return result.value!
  }

  /// Runs `work` on the loop thread after `milliseconds`, unless the returned timer is cancelled first.
  @discardableResult
  public func schedule(afterMilliseconds milliseconds: UInt32, _ work: @escaping @Sendable () -> Void) -> LoopTimer {
    let source = g_timeout_source_new(milliseconds)!
    let box = Unmanaged.passRetained(Work(work)).toOpaque()
    g_source_set_callback(
      source,
      { raw in
        Unmanaged<Work>.fromOpaque(raw!).takeUnretainedValue().run()
        return 0  // G_SOURCE_REMOVE
      }, box,
      { raw in
        Unmanaged<Work>.fromOpaque(raw!).release()
      })
    g_source_attach(source, context)
    return LoopTimer(source: source)
  }

  /// Stops the loop and joins its thread (from any thread, the loop's own included). Idempotent;
  /// called by `deinit` too.
  public func stop() {
    guard let thread else { return }
    self.thread = nil
    g_main_loop_quit(loop)
    g_main_context_wakeup(context)
    if g_thread_self() == thread {
      // The last reference went away on the loop thread itself (a closure it ran held it): the loop
      // ends when that closure returns; joining here would wait for ourselves.
      g_thread_unref(thread)
    } else {
      _ = g_thread_join(thread)
    }
  }

  deinit {
    stop()
    g_main_loop_unref(loop)
    g_main_context_unref(context)
  }
}

private final class LoopStart {
  let context: OpaquePointer
  let loop: OpaquePointer
  init(context: OpaquePointer, loop: OpaquePointer) {
    self.context = context
    self.loop = loop
  }
}

/// A pending ``NiceLoop/schedule(afterMilliseconds:_:)``; `cancel()` is safe from any thread.
public final class LoopTimer: @unchecked Sendable {
  private let source: UnsafeMutablePointer<GSource>

  init(source: UnsafeMutablePointer<GSource>) { self.source = source }

  public func cancel() { g_source_destroy(source) }

  deinit { g_source_unref(source) }
}

private final class ResultBox<T>: @unchecked Sendable {
  var value: T?
  let done = DispatchSemaphore(value: 0)
}

private final class Work {
  let run: @Sendable () -> Void
  init(_ run: @escaping @Sendable () -> Void) { self.run = run }
}
