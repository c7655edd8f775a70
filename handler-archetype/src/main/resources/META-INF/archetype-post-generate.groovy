// Batch mode (-B) skips the descriptor's validationRegex, so the properties are checked here: the
// handler ID by the platform's rule (C1), the class name as Java's. A project with a bad value is
// removed again, so that nobody builds a handler the platform would ignore.
def id = request.properties.get('handlerId')
def cls = request.properties.get('handlerClass')
String rule = " (C1: 1 to 63 characters, no control characters, no outer white space)"
String problem = null
if (id == null || id.isEmpty()) {
    problem = "handlerId: must not be empty" + rule
} else if (id.length() > 63) {
    problem = "handlerId: '${id}' must be at most 63 characters, was ${id.length()}" + rule
} else if (id.any { Character.isISOControl(it as char) }) {
    problem = "handlerId: '${id}' must not contain control characters" + rule
} else if ([id.charAt(0), id.charAt(id.length() - 1)].any { Character.isWhitespace(it) || Character.isSpaceChar(it) }) {
    problem = "handlerId: '${id}' must not have leading or trailing white space" + rule
} else if (!(cls ==~ /[A-Z][A-Za-z0-9_]*/)) {
    problem = "handlerClass: '${cls}' is not a class name here (a capital letter, then letters, digits or _)"
}
if (problem != null) {
    new File(request.outputDirectory, request.artifactId).deleteDir()
    throw new IllegalArgumentException("${problem}; no project was generated")
}
