import FloorProgram

// The floor linked as SwiftPM links by default: shared Swift runtime and Foundation.
FloorProgram.run()
