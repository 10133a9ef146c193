package dev.loggardener.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Recognises a Dataflow Flex Template launch: the launcher container carries the environment
 * variable {@code FLEX_TEMPLATE_JAVA_MAIN_CLASS} (set by {@code scripts/build-flex-template.sh})
 * and calls {@code main} with only {@code --option=value} arguments. There, a launch that names no
 * runner must submit to Dataflow rather than run the DirectRunner inside the launcher.
 */
final class FlexTemplateLaunch {
  static final String MAIN_CLASS_ENV = "FLEX_TEMPLATE_JAVA_MAIN_CLASS";

  private FlexTemplateLaunch() {}

  static boolean isFlexTemplateLaunch(Map<String, String> env) {
    String main = env.get(MAIN_CLASS_ENV);
    return main != null && !main.isBlank();
  }

  /** {@code args}, plus {@code --runner=DataflowRunner} in a template launch that names none. */
  static String[] withDefaultRunner(String[] args, Map<String, String> env) {
    if (!isFlexTemplateLaunch(env)) {
      return args;
    }
    for (String a : args) {
      if (a.startsWith("--runner=") || a.equals("--runner")) {
        return args;
      }
    }
    List<String> out = new ArrayList<>(Arrays.asList(args));
    out.add("--runner=DataflowRunner");
    return out.toArray(new String[0]);
  }
}
