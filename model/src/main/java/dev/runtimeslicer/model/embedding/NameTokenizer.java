package dev.runtimeslicer.model.embedding;

import ai.djl.modality.nlp.DefaultVocabulary;
import ai.djl.modality.nlp.bert.BertFullTokenizer;
import ai.djl.modality.nlp.bert.WordpieceTokenizer;
import ai.djl.modality.nlp.preprocess.TextProcessor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The BERT uncased WordPiece tokenization of the name model, in plain Java: DJL's BERT text
 * processors (clean, lower case, strip accents, split punctuation and CJK characters) and its
 * WordPiece tokenizer over the vocabulary of the model's tokenizer.json, between {@code [CLS]} and
 * {@code [SEP]}. Chosen over DJL's Hugging Face tokenizers binding, which loads a native library
 * from a fixed path once per JVM and so fails in a Flink job resubmitted with a new class loader.
 * Gives the same ids as that binding ({@code NameTokenizerTest}). Thread-safe.
 */
final class NameTokenizer {

  /** Words longer than this become the unknown token, as in the model's tokenizer.json. */
  static final int MAX_WORD_CHARS = 100;

  private static final String UNKNOWN = "[UNK]";
  private static final String START = "[CLS]";
  private static final String END = "[SEP]";

  private final DefaultVocabulary vocabulary;
  private final List<TextProcessor> processors;
  private final WordpieceTokenizer wordPieces;
  private final int maxTokens;
  private final long start;
  private final long end;

  private NameTokenizer(List<String> tokensById, int maxTokens) {
    this.vocabulary = new DefaultVocabulary(tokensById);
    this.processors = BertFullTokenizer.getPreprocessors(true);
    this.wordPieces = new WordpieceTokenizer(vocabulary, UNKNOWN, MAX_WORD_CHARS);
    this.maxTokens = maxTokens;
    this.start = vocabulary.getIndex(START);
    this.end = vocabulary.getIndex(END);
  }

  /**
   * Reads the vocabulary of a Hugging Face tokenizer.json ({@code model.vocab}: token to id);
   * encodings hold at most {@code maxTokens} ids, the two markers included.
   */
  static NameTokenizer read(InputStream tokenizerJson, int maxTokens) throws IOException {
    if (maxTokens < 3) {
      throw new IllegalArgumentException("maxTokens must leave room for a word, was " + maxTokens);
    }
    JsonNode vocab = new ObjectMapper().readTree(tokenizerJson).path("model").path("vocab");
    if (!vocab.isObject() || vocab.isEmpty()) {
      throw new IOException("tokenizer.json has no model.vocab object");
    }
    String[] byId = new String[vocab.size()];
    for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      int id = entry.getValue().asInt(-1);
      if (id < 0 || id >= byId.length || byId[id] != null) {
        throw new IOException("tokenizer.json vocab ids are not 0.." + (byId.length - 1));
      }
      byId[id] = entry.getKey();
    }
    for (String token : List.of(UNKNOWN, START, END)) {
      if (!vocab.has(token)) {
        throw new IOException("tokenizer.json vocab lacks " + token);
      }
    }
    return new NameTokenizer(List.of(byId), maxTokens);
  }

  /** The ids of {@code text}: {@code [CLS]}, its word pieces (truncated), {@code [SEP]}. */
  long[] encode(String text) {
    List<String> tokens = new ArrayList<>(List.of(spacedIdeographs(text)));
    for (TextProcessor processor : processors) {
      tokens = processor.preprocess(tokens);
    }
    tokens = wordPieces.preprocess(tokens);
    int kept = Math.min(tokens.size(), maxTokens - 2);
    long[] ids = new long[kept + 2];
    ids[0] = start;
    for (int i = 0; i < kept; i++) {
      ids[i + 1] = vocabulary.getIndex(tokens.get(i));
    }
    ids[kept + 1] = end;
    return ids;
  }

  /**
   * {@code text} with spaces around each CJK ideograph, so each is a word of its own, as the BERT
   * normalizer of tokenizer.json does ({@code handle_chinese_chars}) and DJL's processors do not.
   */
  static String spacedIdeographs(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      if (ideograph(c)) {
        if (out == null) {
          out = new StringBuilder(text.length() + 16).append(text, 0, i);
        }
        out.append(' ').appendCodePoint(c).append(' ');
      } else if (out != null) {
        out.appendCodePoint(c);
      }
      i += Character.charCount(c);
    }
    return out == null ? text : out.toString();
  }

  /** The CJK Unified Ideographs blocks and their extensions and compatibility forms, as BERT's. */
  private static boolean ideograph(int c) {
    return (c >= 0x4E00 && c <= 0x9FFF)
        || (c >= 0x3400 && c <= 0x4DBF)
        || (c >= 0x20000 && c <= 0x2A6DF)
        || (c >= 0x2A700 && c <= 0x2B73F)
        || (c >= 0x2B740 && c <= 0x2B81F)
        || (c >= 0x2B820 && c <= 0x2CEAF)
        || (c >= 0xF900 && c <= 0xFAFF)
        || (c >= 0x2F800 && c <= 0x2FA1F);
  }
}
