/// Echoing user input in a message: long input is cut with an ellipsis, so a 100 KB argument gives one
/// readable line, not 100 KB of error.
public enum TextPreview {
    public static let defaultLength = 80

    public static func short(_ text: String, _ length: Int = defaultLength) -> String {
        guard text.count > length else { return text }
        return String(text.prefix(max(1, length - 1))) + "…"
    }
}
