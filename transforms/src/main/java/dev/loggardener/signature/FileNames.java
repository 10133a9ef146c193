package dev.loggardener.signature;

/**
 * A file name with a known extension standing as a word of its own is a value ({@code chrome.exe},
 * {@code settings.yaml}, {@code ntuser.dat}): one of many files that fail the same way. A stack
 * frame's file is a code location and keeps its name; method calls ({@code response.json()}) and
 * qualified names with an unknown last part are left alone.
 */
final class FileNames {
  private FileNames() {}

  private static final boolean ON = NormalizerRule.FILE_NAMES.enabled();

  /** Extensions that make {@code name.ext} standing as a word a file name. */
  private static final WordSet EXTENSIONS =
      WordSet.of(
          "exe",
          "dll",
          "sys",
          "so",
          "dylib",
          "jar",
          "war",
          "ear",
          "class",
          "py",
          "pyc",
          "js",
          "mjs",
          "cjs",
          "ts",
          "tsx",
          "jsx",
          "rb",
          "go",
          "rs",
          "c",
          "h",
          "cc",
          "cpp",
          "cxx",
          "hpp",
          "cs",
          "java",
          "kt",
          "scala",
          "php",
          "pl",
          "sh",
          "bash",
          "bat",
          "cmd",
          "ps1",
          "log",
          "txt",
          "csv",
          "tsv",
          "json",
          "xml",
          "yaml",
          "yml",
          "toml",
          "ini",
          "cfg",
          "conf",
          "properties",
          "dat",
          "db",
          "sqlite",
          "bak",
          "tmp",
          "pid",
          "lock",
          "sock",
          "zip",
          "gz",
          "tgz",
          "tar",
          "bz2",
          "xz",
          "rar",
          "iso",
          "img",
          "bin",
          "msi",
          "cab",
          "manifest",
          "html",
          "htm",
          "css",
          "png",
          "jpg",
          "jpeg",
          "gif",
          "svg",
          "pdf",
          "doc",
          "docx",
          "xls",
          "xlsx",
          "md",
          "proto",
          "parquet",
          "avro",
          "orc",
          "swp");

  static void mark(char[] s, MessageTokens t) {
    if (ON && !t.codeLocation && t.sawDelim('.')) {
      DottedNames.mark(s, t, FileNames::isFileName);
    }
  }

  /** Two labels, the last a known extension of at most ten characters. */
  static boolean isFileName(char[] s, MessageTokens t, int x, int last, int labels) {
    return labels == 2
        && t.end[last] - t.start[last] <= 10
        && EXTENSIONS.containsIgnoreCase(s, t.start[last], t.end[last]);
  }
}
