#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How many connections the sandbox serves and how many it accepts at all, kept inside the process's
/// file-descriptor limit.
///
/// Running out of descriptors is what made the sandbox spin a core: NIO's accept loop retries `accept()` at once
/// on EMFILE. So past `accepted` the listener pauses (new clients wait in the kernel's backlog) and descriptors
/// never run out; between `served` and `accepted` connections get a quick 503.
struct ConnectionLimits: Equatable, Sendable {
    /// Connections served normally; each one past this is answered 503 and closed.
    let served: Int
    /// Connections open at once, the 503 ones included; past this the listener stops accepting.
    let accepted: Int

    init(maxConnections: Int, fileDescriptorLimit: Int?) {
        let wanted = max(1, maxConnections)
        // Headroom for 503 answers in flight: they close within a linger time.
        var accepted = wanted + max(16, wanted / 4)
        var served = wanted
        if let limit = fileDescriptorLimit {
            // The rest of the process needs descriptors too: the terminal, the sender's sockets, config and theme files.
            let budget = max(2, limit - max(32, limit / 4))
            accepted = min(accepted, budget)
            served = min(served, max(1, accepted - max(1, accepted / 5)))
        }
        self.served = served
        self.accepted = accepted
    }

    /// The soft `RLIMIT_NOFILE`, or nil when unlimited or unknown.
    static func fileDescriptorLimit() -> Int? {
        var limit = rlimit()
        #if canImport(Glibc)
        let status = getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
        #else
        let status = getrlimit(RLIMIT_NOFILE, &limit)
        #endif
        // RLIM_INFINITY is the largest value, so the second test also rules out "unlimited".
        guard status == 0, limit.rlim_cur < UInt64(Int.max) else { return nil }
        return Int(limit.rlim_cur)
    }
}
