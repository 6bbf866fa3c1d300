/// How notifications reach agents beyond their list: for now, whose console rings the
/// terminal bell when one arrives (docs/policy.md, notifications).
public struct NotificationPolicy: Sendable, Equatable {
    /// Who hears the bell.
    public enum Bell: Sendable, Equatable {
        case nobody
        case everyone
        /// These handles, lowercased (handles compare without case).
        case agents(Set<String>)
    }

    public var bell: Bell

    public init(bell: Bell = .nobody) { self.bell = bell }

    /// Whether the agent with this handle wants the bell with a new notification.
    public func wantsBell(_ handle: String) -> Bool {
        switch bell {
        case .nobody: false
        case .everyone: true
        case .agents(let handles): handles.contains(handle.lowercased())
        }
    }
}
