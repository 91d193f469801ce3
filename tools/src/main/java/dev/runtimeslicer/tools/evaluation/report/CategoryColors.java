package dev.runtimeslicer.tools.evaluation.report;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * A fill color per category (runtime state, fault type): "normal" is grey, the others get hues far
 * apart on the color wheel, assigned in name order so the same names keep their colors.
 */
final class CategoryColors {

  private static final String NORMAL_COLOR = "#a3a9b0";
  // The golden angle: each next hue lands in the largest gap left by the ones before it.
  private static final double HUE_STEP_DEGREES = 137.508;

  private final Map<String, String> colors = new LinkedHashMap<>();

  CategoryColors(Collection<String> categories) {
    int next = 0;
    for (String category : new TreeSet<>(categories)) {
      if (category.equals(ReportWindow.NORMAL)) {
        colors.put(category, NORMAL_COLOR);
      } else {
        double hue = (next++ * HUE_STEP_DEGREES + 210) % 360;
        // Alternate lightness too, so neighbours in a long list stay apart.
        int lightness = next % 2 == 0 ? 38 : 50;
        colors.put(category, String.format(Locale.ROOT, "hsl(%.0f, 68%%, %d%%)", hue, lightness));
      }
    }
  }

  /** The categories in legend order. */
  Collection<String> categories() {
    return colors.keySet();
  }

  String colorOf(String category) {
    String color = colors.get(category);
    if (color == null) {
      throw new IllegalArgumentException("no color for category " + category);
    }
    return color;
  }
}
