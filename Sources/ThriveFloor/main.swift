import FloorProgram

// The floor linked as the inspector is: static Swift runtime and Foundation, lld.
FloorProgram.run()
