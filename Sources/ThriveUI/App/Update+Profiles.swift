import Foundation
import ThriveCore

// Profiles: `p` lists them, Enter asks the runtime to read the chosen one's key (a `key_command` may take a
// moment, so the screen never waits for it), and the answer switches the destination. Nothing in flight moves:
// a send or a replay keeps the target it started with.

/// `p`: the profile list, with the one in use selected.
func openProfiles(_ state: inout AppState) -> [Effect] {
    guard !state.profiles.isEmpty else {
        state.status = StatusMessage("no profiles: add a profiles: section to config.yaml (see the README)", .info)
        return []
    }
    let current = state.profiles.firstIndex { $0.name == state.profileName || ($0.builtIn && state.profileName == nil && matches($0, state.destination)) }
    let items = state.profiles.enumerated().map { k, p in
        ChoiceList.Item(id: p.name, label: p.name, detail: p.summary + (k == current ? "  (in use)" : ""))
    }
    state.overlay = .choices(ChoiceList(purpose: .profiles, title: "Switch profile", items: items, filterable: false, selected: current ?? 0))
    state.status = StatusMessage("Enter switches: sends from now on go to the profile's target, with its key")
    return []
}

/// True when a built-in choice describes `d` (the sandbox entry while the sandbox is in use).
private func matches(_ p: ProfileChoice, _ d: Destination) -> Bool {
    d.isSandbox ? p.summary == "SANDBOX" : p.summary == d.target.badge
}

func chooseProfile(_ state: inout AppState, name: String) -> [Effect] {
    state.switchingProfile = name
    state.status = StatusMessage("switching to profile \(name)…")
    return [.resolveProfile(name)]
}

/// The runtime's answer for a profile: its destination, or why it cannot be used (the current one stays).
func profileResolved(_ state: inout AppState, name: String, _ result: Result<Destination, UIError>) -> [Effect] {
    guard state.switchingProfile == name else { return [] }
    state.switchingProfile = nil
    switch result {
    case .failure(let e):
        // The reason already names the profile ("profile staging: key_command exited with status 1").
        state.status = StatusMessage("not switched: \(e.message)", .error)
    case .success(var d):
        if d.isSandbox {
            guard let port = state.sandboxPort else {
                state.status = StatusMessage("profile \(name) not used: the sandbox \(state.sandboxError.map { "could not start: \($0)" } ?? "is still starting")", .error)
                return []
            }
            d.target = .sandbox(port: port)
        }
        state.destination = d
        let builtIn = state.profiles.first { $0.name == name }?.builtIn ?? false
        state.profileName = builtIn ? nil : name
        state.status = d.isLive
            ? StatusMessage("profile \(name): sends go to \(state.badge) (each send asks first)", .warning)
            : StatusMessage("profile \(name): sends go to \(state.badge)", .success)
    }
    return []
}
