import Foundation
import ThriveCore

/// The template catalogue as every command and the UI use it: the built-in templates with the user's
/// templates folder applied (JSON and YAML files; a file named like a built-in replaces it).
public enum UserTemplates {
    public static func catalogue(directory: URL = TemplateCatalogue.userDirectory()) -> TemplateCatalogue {
        var c = TemplateCatalogue.builtIn()
        c.addTemplates(in: directory)
        YAMLTemplates.add(in: directory, to: &c)
        return c
    }
}
