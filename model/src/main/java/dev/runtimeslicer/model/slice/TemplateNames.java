package dev.runtimeslicer.model.slice;

/** Looks up the current text of a service's log template by id. */
@FunctionalInterface
public interface TemplateNames {
  String template(String service, int templateId);
}
