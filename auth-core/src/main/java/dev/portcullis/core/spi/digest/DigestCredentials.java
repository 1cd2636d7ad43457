package dev.portcullis.core.spi.digest;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Computes what a Digest credential store keeps instead of a password: HA1 and the userhash
 * (RFC 7616 §3.4.2 and §3.4.4).
 *
 * <p>HA1 is {@code H(username ":" realm ":" password)}, with the username exactly as the client
 * sends it (for the contacts API that is {@code {API key}%{customer}}), all text in UTF-8. Compute
 * it once when the password is set and throw the password away.
 *
 * <pre>{@code
 * byte[] ha1 = DigestCredentials.ha1(DigestAlgorithm.SHA_256, "Mufasa", "http-auth@example.org", "Circle of Life".toCharArray());
 * String hex = DigestCredentials.hex(ha1); // 7987c64c30e25f1b74be53f966b49b90f2808aa92faf9a00262392d7b4794232
 * }</pre>
 *
 * <p>Also a command-line tool that prints the HA1 for every algorithm, reading the password from
 * the console (never from an argument, which would land in the shell history):
 * {@code java -cp auth-core.jar dev.portcullis.core.spi.digest.DigestCredentials REALM USERNAME}.
 *
 * <p>Thread-safe (stateless).
 */
public final class DigestCredentials {
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private DigestCredentials() {}

  /**
   * The raw HA1 bytes for a password. A {@code -sess} algorithm gives its base algorithm's HA1,
   * which is what a store keeps.
   *
   * @throws IllegalStateException if the JDK lacks the hash algorithm
   */
  public static byte[] ha1(DigestAlgorithm algorithm, String username, String realm, char[] password) {
    MessageDigest md = newDigest(algorithm);
    md.update(username.getBytes(StandardCharsets.UTF_8));
    md.update((byte) ':');
    md.update(realm.getBytes(StandardCharsets.UTF_8));
    md.update((byte) ':');
    java.nio.ByteBuffer pw = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(password));
    md.update(pw.duplicate());
    // the encoder's buffer held the password: wipe it before it is garbage
    Arrays.fill(pw.array(), (byte) 0);
    return md.digest();
  }

  /**
   * The userhash, {@code H(username ":" realm)} in lower-case hex, that a client sends in place of
   * the username when the challenge says {@code userhash=true}.
   *
   * @throws IllegalStateException if the JDK lacks the hash algorithm
   */
  public static String userhash(DigestAlgorithm algorithm, String username, String realm) {
    MessageDigest md = newDigest(algorithm);
    md.update(username.getBytes(StandardCharsets.UTF_8));
    md.update((byte) ':');
    md.update(realm.getBytes(StandardCharsets.UTF_8));
    return hex(md.digest());
  }

  /** Lower-case hex of {@code bytes}. */
  public static String hex(byte[] bytes) {
    char[] out = new char[bytes.length * 2];
    for (int i = 0; i < bytes.length; i++) {
      out[2 * i] = HEX[bytes[i] >> 4 & 0xF];
      out[2 * i + 1] = HEX[bytes[i] & 0xF];
    }
    return new String(out);
  }

  /** A new JDK digest for {@code algorithm}. */
  public static MessageDigest newDigest(DigestAlgorithm algorithm) {
    try {
      return MessageDigest.getInstance(algorithm.jdkName());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK lacks " + algorithm.jdkName(), e);
    }
  }

  /**
   * Prints {@code algorithm HA1 userhash} lines for REALM and USERNAME, reading the password from
   * the console or, without one, from the first line of standard input.
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: DigestCredentials REALM USERNAME   (the password is read from the console)");
      System.exit(2);
      return;
    }
    char[] password;
    Console console = System.console();
    if (console != null) {
      password = console.readPassword("password for %s: ", args[1]);
    } else {
      String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      password = line == null ? new char[0] : line.toCharArray();
    }
    for (DigestAlgorithm a : new DigestAlgorithm[] {DigestAlgorithm.MD5, DigestAlgorithm.SHA_256, DigestAlgorithm.SHA_512_256}) {
      System.out.println(a.token() + " " + hex(ha1(a, args[1], args[0], password)) + " " + userhash(a, args[1], args[0]));
    }
    Arrays.fill(password, '\0');
  }
}
