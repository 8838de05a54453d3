import Foundation
import Testing
import ThriveNet

@Suite("RetryPolicy")
struct RetryPolicyTests {
    /// Wed, 21 Oct 2015 07:28:00 GMT.
    let instant = Date(timeIntervalSince1970: 1_445_412_480)

    @Test(arguments: [("5", 5.0), ("0", 0), (" 120 ", 120), ("1.5", 1.5)])
    func retryAfterInSeconds(text: String, seconds: Double) {
        #expect(RetryPolicy.parseRetryAfter(text) == seconds)
    }

    @Test(arguments: ["", "soon", "-3", "nan", "inf", "Wed, 32 Oct 2015 07:28:00 GMT"])
    func unreadableRetryAfter(text: String) {
        #expect(RetryPolicy.parseRetryAfter(text, now: instant) == nil)
    }

    @Test func retryAfterAsAnHTTPDate() {
        let now = instant.addingTimeInterval(-30)
        #expect(RetryPolicy.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", now: now) == 30)
        // The obsolete forms RFC 9110 still asks recipients to accept.
        #expect(RetryPolicy.parseRetryAfter("Wednesday, 21-Oct-15 07:28:00 GMT", now: now) == 30)
        #expect(RetryPolicy.parseRetryAfter("Wed Oct 21 07:28:00 2015", now: now) == 30)
    }

    @Test func retryAfterDateInThePastMeansNow() {
        #expect(RetryPolicy.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", now: instant.addingTimeInterval(60)) == 0)
    }

    @Test func retryAfterWinsOverBackoff() {
        let policy = RetryPolicy(baseDelay: 0.5, maxDelay: 30, jitter: 0.2)
        #expect(policy.delay(retry: 1, retryAfter: "7", random: 0) == 7)
        // Jitter only adds to the server's delay (at most half the jitter fraction), never subtracts.
        #expect(close(policy.delay(retry: 1, retryAfter: "10", random: 1), 11))
        #expect(close(policy.delay(retry: 3, retryAfter: "2", random: 0.5), 2.1))
        let now = instant.addingTimeInterval(-4)
        #expect(policy.delay(retry: 1, retryAfter: "Wed, 21 Oct 2015 07:28:00 GMT", now: now, random: 0) == 4)
    }

    @Test func retryAfterIsCappedAtMaxDelay() {
        let policy = RetryPolicy(maxDelay: 30)
        #expect(policy.delay(retry: 1, retryAfter: "3600", random: 0) == 30)
        #expect(policy.delay(retry: 1, retryAfter: "29", random: 1) == 30)
    }

    @Test func backoffDoublesFromTheBaseDelay() {
        let policy = RetryPolicy(baseDelay: 0.5, maxDelay: 30, jitter: 0.2)
        // random 0.5 is the middle of the jitter band: no spread.
        #expect(zip((1...5).map { policy.delay(retry: $0, retryAfter: nil, random: 0.5) }, [0.5, 1, 2, 4, 8]).allSatisfy(close))
        // An unreadable Retry-After falls back to the backoff.
        #expect(close(policy.delay(retry: 2, retryAfter: "later", random: 0.5), 1))
    }

    @Test func backoffIsCapped() {
        let policy = RetryPolicy(baseDelay: 1, maxDelay: 5, jitter: 0.2)
        #expect(close(policy.delay(retry: 3, retryAfter: nil, random: 0.5), 4))
        #expect(policy.delay(retry: 4, retryAfter: nil, random: 0.5) == 5)
        #expect(policy.delay(retry: 30, retryAfter: nil, random: 1) == 5)
        #expect(policy.delay(retry: 30, retryAfter: nil, random: 0) == 5)
    }

    @Test func jitterSpreadsBackoffBothWays() {
        let policy = RetryPolicy(baseDelay: 1, maxDelay: 100, jitter: 0.2)
        #expect(close(policy.delay(retry: 3, retryAfter: nil, random: 0), 3.2))
        #expect(close(policy.delay(retry: 3, retryAfter: nil, random: 1), 4.8))
        // With the real random source every draw stays in the band, and the draws differ.
        let draws = (0..<200).map { _ in policy.delay(retry: 3, retryAfter: nil) }
        #expect(draws.allSatisfy { $0 >= 3.2 - 1e-9 && $0 <= 4.8 + 1e-9 })
        #expect(Set(draws).count > 1)
        #expect(RetryPolicy(baseDelay: 1, jitter: 0).delay(retry: 3, retryAfter: nil, random: 0.9) == 4)
    }

    @Test func defaultsAndNone() {
        let policy = RetryPolicy()
        #expect(policy.maxRetries == 3)
        #expect(policy.retryStatuses == [429])
        #expect(RetryPolicy.none.maxRetries == 0)
    }

    /// Equal but for floating-point rounding.
    private func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 1e-9 }
}
