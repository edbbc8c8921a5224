// Its own (empty) hook: without one, Turbopack takes the portal's from the workspace root.
export function register() {}
