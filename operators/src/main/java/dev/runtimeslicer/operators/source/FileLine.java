package dev.runtimeslicer.operators.source;

/**
 * One line of a replayed file, with the file's name and the line's number (from 1). A Flink POJO.
 */
public class FileLine {
  public String file;
  public long line;
  public String text;

  public FileLine() {}

  public FileLine(String file, long line, String text) {
    this.file = file;
    this.line = line;
    this.text = text;
  }
}
