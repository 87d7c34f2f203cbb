/// The answer of `GET /<PNID>/call_permissions?user_wa_id=` or
/// `GET /calling/permissions/{wa_id}` (whatsapp-calling.md §1.2).
public struct CallPermissionState: Codable, Sendable, Equatable {
  public var messagingProduct: String?
  public var permission: Permission
  /// What the business may do next, with the limits that apply; `[]` when absent.
  public var actions: [Action]

  /// `permission:{status, expiration_time?}`.
  public struct Permission: Codable, Sendable, Equatable {
    /// `no_permission`, `temporary` or `permanent`.
    public var status: String
    /// Unix seconds; absent for permanent permissions.
    public var expirationTime: Int64?

    public init(status: String, expirationTime: Int64? = nil) {
      self.status = status
      self.expirationTime = expirationTime
    }

    private enum CodingKeys: String, CodingKey {
      case status
      case expirationTime = "expiration_time"
    }
  }

  /// `{action_name, can_perform_action, limits}`.
  public struct Action: Codable, Sendable, Equatable {
    /// `send_call_permission_request` or `start_call`.
    public var actionName: String
    public var canPerformAction: Bool
    public var limits: [Limit]?

    public init(actionName: String, canPerformAction: Bool, limits: [Limit]? = nil) {
      self.actionName = actionName
      self.canPerformAction = canPerformAction
      self.limits = limits
    }

    private enum CodingKeys: String, CodingKey {
      case actionName = "action_name"
      case canPerformAction = "can_perform_action"
      case limits
    }
  }

  /// `{time_period, max_allowed, current_usage, limit_expiration_time?}`.
  public struct Limit: Codable, Sendable, Equatable {
    /// ISO 8601 duration: `PT24H`, `P7D`.
    public var timePeriod: String
    public var maxAllowed: Int
    public var currentUsage: Int
    /// Unix seconds; present once the limit has been reached.
    public var limitExpirationTime: Int64?

    public init(timePeriod: String, maxAllowed: Int, currentUsage: Int, limitExpirationTime: Int64? = nil) {
      self.timePeriod = timePeriod
      self.maxAllowed = maxAllowed
      self.currentUsage = currentUsage
      self.limitExpirationTime = limitExpirationTime
    }

    private enum CodingKeys: String, CodingKey {
      case timePeriod = "time_period"
      case maxAllowed = "max_allowed"
      case currentUsage = "current_usage"
      case limitExpirationTime = "limit_expiration_time"
    }
  }

  public init(messagingProduct: String? = "whatsapp", permission: Permission, actions: [Action] = []) {
    self.messagingProduct = messagingProduct
    self.permission = permission
    self.actions = actions
  }

  private enum CodingKeys: String, CodingKey {
    case messagingProduct = "messaging_product"
    case permission, actions
  }

  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    messagingProduct = try container.decodeIfPresent(String.self, forKey: .messagingProduct)
    permission = try container.decode(Permission.self, forKey: .permission)
    actions = try container.decodeIfPresent([Action].self, forKey: .actions) ?? []
  }

  /// The `start_call` action's verdict; without one, whether a permission is held.
  public var canStartCall: Bool {
    if let action = actions.first(where: { $0.actionName == "start_call" }) { return action.canPerformAction }
    return permission.status == "temporary" || permission.status == "permanent"
  }

  /// The `send_call_permission_request` action's verdict; without one, true unless the
  /// permission is already permanent (error 138017, §4).
  public var canRequestPermission: Bool {
    if let action = actions.first(where: { $0.actionName == "send_call_permission_request" }) {
      return action.canPerformAction
    }
    return permission.status != "permanent"
  }
}
