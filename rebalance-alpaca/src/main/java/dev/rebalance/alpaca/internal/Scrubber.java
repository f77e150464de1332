package dev.rebalance.alpaca.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Removes the API keys from text that may reach a message or a log: each key as given, in any
 * letter case, URL-encoded, and Base64-encoded (standard and URL-safe, with and without padding,
 * alone and as the {@code key:secret} pair of HTTP Basic authentication). A server that echoes a
 * credential back in an error body, in whatever form, does not leak it through the adapter.
 *
 * <p>Immutable; thread-safe.
 */
public final class Scrubber {
  private static final String MASK = "****";
  private static final int SHORTEST_FORM = 4;
  private final @Nullable Pattern pattern;

  /**
   * @param keyId the API key id
   * @param secret the API secret key
   */
  public Scrubber(String keyId, String secret) {
    Set<String> forms = new LinkedHashSet<>();
    for (String raw : List.of(secret, keyId, keyId + ":" + secret)) {
      forms.add(raw);
      forms.add(URLEncoder.encode(raw, StandardCharsets.UTF_8));
      byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
      String std = Base64.getEncoder().encodeToString(bytes);
      String url = Base64.getUrlEncoder().encodeToString(bytes);
      forms.add(std);
      forms.add(stripPadding(std));
      forms.add(url);
      forms.add(stripPadding(url));
    }
    List<String> sorted = new ArrayList<>();
    for (String f : forms) {
      if (f.length() >= SHORTEST_FORM) {
        sorted.add(f);
      }
    }
    sorted.sort(Comparator.comparingInt(String::length).reversed()); // longest first
    StringBuilder alternatives = new StringBuilder();
    for (String f : sorted) {
      if (alternatives.length() > 0) {
        alternatives.append('|');
      }
      alternatives.append(Pattern.quote(f));
    }
    this.pattern =
        alternatives.length() == 0
            ? null
            : Pattern.compile(
                alternatives.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  private static String stripPadding(String b64) {
    int end = b64.length();
    while (end > 0 && b64.charAt(end - 1) == '=') {
      end--;
    }
    return b64.substring(0, end);
  }

  /**
   * The text with every form of the keys replaced by {@code ****}.
   *
   * @param text any text
   * @return the scrubbed text
   */
  public String scrub(String text) {
    if (pattern == null) {
      return text;
    }
    return pattern.matcher(text).replaceAll(Matcher.quoteReplacement(MASK));
  }
}
