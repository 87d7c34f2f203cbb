/// The application's answer to `call.incoming` under policy `ask` (`POST /v1/calls/{id}/accept` or `/reject`).
public enum CallDecision: Sendable, Equatable {
  /// Accept; `app` replaces the default application when given.
  case accept(app: String?)
  case reject
}
