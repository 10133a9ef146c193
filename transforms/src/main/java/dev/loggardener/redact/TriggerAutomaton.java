package dev.loggardener.redact;

/**
 * The tables of the shift-and automaton of {@link SecretScan#triggers}. Each searched word owns one
 * bit per position in {@code long} A or B; {@code MASK[c]} has the bits of the positions that admit
 * character {@code c}, {@code START} the first bits (a word may begin anywhere), and a word is
 * found when its last bit is set after a step {@code d = ((d << 1) | START) & MASK[c]}.
 *
 * <p>The card-shaped digit run of {@link SecretScan#mayNeedRedaction} is a lane of its own in B: a
 * "not glue" bit that holds after any character that may precede a card, then 13 digit bits of
 * which the first admits only 2-6 (so it is set only right after a non-glue character). Spaces and
 * dashes keep the digit bits as they are ({@code STAY_B}), as they keep the exact scan's counter,
 * and every other character clears them. The bits of all starts in a run are kept at once, so the
 * last digit bit is set exactly when the exact scan's counter (which counts from the first start,
 * the longest) reaches 13.
 */
final class TriggerAutomaton {
  private TriggerAutomaton() {}

  static final long[] MASK_A;
  static final long[] MASK_B;

  /**
   * Bits of B that a character keeps from the previous step: the card digits at ' ' and '-', and
   * the last bits of B's words at every character, so B's final state holds its findings.
   */
  static final long[] STAY_B;

  static final long START_A;
  static final long START_B;

  /** The state of B before the first character: the exact scan starts as if after a space. */
  static final long INITIAL_B;

  /** The last bits of the words of each flag, indexed by the flag's bit number. */
  private static final long[] ACCEPT_A;

  private static final long[] ACCEPT_B;
  private static final long ANY_ACCEPT_A;
  private static final long ANY_ACCEPT_B;

  static {
    Builder a = new Builder();
    for (String w :
        new String[] {
          "passw", "pwd", "private", "secret", "session", "token", "auth", "api", "access",
          "credent", "cookie"
        }) {
      a.caseless(SecretScan.KEY_WORD, w);
    }
    a.exact(SecretScan.AT_SIGN, "@");
    a.exact(SecretScan.JWT_PREFIX, "eyJ");
    Builder b = new Builder();
    b.caseless(SecretScan.KEY_WORD | SecretScan.BEARER_WORD, "bearer");
    b.exact(SecretScan.API_KEY_PREFIX, "AIza");
    b.word(SecretScan.API_KEY_PREFIX, "A", "KS", "I", "A");
    b.word(SecretScan.API_KEY_PREFIX, "g", "h", "pousr", "_");
    b.exact(SecretScan.API_KEY_PREFIX, "github_pa");
    b.exact(SecretScan.API_KEY_PREFIX, "xox");
    b.exact(SecretScan.API_KEY_PREFIX, "k_live");
    b.exact(SecretScan.API_KEY_PREFIX, "k_test");
    b.exact(SecretScan.NEEDS_EXACT, "--BEGIN");
    long notGlue = b.cardRun(SecretScan.CARD_RUN);
    b.keepLastBits();
    MASK_A = a.mask;
    START_A = a.start;
    ACCEPT_A = a.accept;
    MASK_B = b.mask;
    STAY_B = b.stay;
    START_B = b.start;
    ACCEPT_B = b.accept;
    INITIAL_B = notGlue;
    ANY_ACCEPT_A = a.lastBits();
    ANY_ACCEPT_B = b.lastBits();
  }

  /** The flags of the words whose last bit is set in {@code seenA} or {@code seenB}. */
  static int flags(long seenA, long seenB) {
    if ((seenA & ANY_ACCEPT_A) == 0 && (seenB & ANY_ACCEPT_B) == 0) {
      return 0; // most lines: nothing found
    }
    int flags = 0;
    for (int k = 0; k < ACCEPT_A.length; k++) {
      if (((seenA & ACCEPT_A[k]) | (seenB & ACCEPT_B[k])) != 0) {
        flags |= 1 << k;
      }
    }
    return flags;
  }

  /** Lays out the words of one {@code long}, from bit 0 upwards. */
  private static final class Builder {
    final long[] mask = new long[128];
    final long[] stay = new long[128];

    /** Indexed by flag bit number; {@link SecretScan#NEEDS_EXACT} is the highest flag. */
    final long[] accept =
        new long[Integer.SIZE - Integer.numberOfLeadingZeros(SecretScan.NEEDS_EXACT)];

    long start;
    private int next;

    /** A word matched as written. */
    void exact(int flags, String word) {
      String[] positions = new String[word.length()];
      for (int k = 0; k < positions.length; k++) {
        positions[k] = word.substring(k, k + 1);
      }
      word(flags, positions);
    }

    /** A lower-case word matched in any ASCII case. */
    void caseless(int flags, String lower) {
      String[] positions = new String[lower.length()];
      for (int k = 0; k < positions.length; k++) {
        char c = lower.charAt(k);
        positions[k] = "" + c + Character.toUpperCase(c);
      }
      word(flags, positions);
    }

    /** A word whose k-th character is any of {@code positions[k]}. */
    void word(int flags, String... positions) {
      long bit = 0;
      for (int k = 0; k < positions.length; k++) {
        bit = take();
        if (k == 0) {
          start |= bit;
        }
        for (char c : positions[k].toCharArray()) {
          mask[c] |= bit;
        }
      }
      accept(flags, bit);
    }

    /**
     * Makes the last bit of every word stay set once set, through {@code STAY}, so the final state
     * tells which words were found. The bit above each last bit is a first bit (or the unused top
     * bit), which {@code START} sets before masking anyway, so no word changes.
     */
    void keepLastBits() {
      long last = lastBits();
      for (int c = 0; c < 128; c++) {
        stay[c] |= last;
      }
    }

    /** The last bits of all words. */
    long lastBits() {
      long last = 0;
      for (long bits : accept) {
        last |= bits;
      }
      return last;
    }

    /** The card digit lane described on the class; returns its "not glue" bit. */
    long cardRun(int flags) {
      long notGlue = take();
      start |= notGlue;
      for (char c = 0; c < 128; c++) {
        if (!SecretScan.cardGlue(c)) {
          mask[c] |= notGlue;
        }
      }
      long run = 0;
      long bit = 0;
      for (int k = 0; k < 13; k++) {
        bit = take();
        run |= bit;
        for (char c = k == 0 ? '2' : '0'; c <= (k == 0 ? '6' : '9'); c++) {
          mask[c] |= bit;
        }
      }
      stay[' '] |= run;
      stay['-'] |= run;
      accept(flags, bit);
      return notGlue;
    }

    private long take() {
      if (next == Long.SIZE) {
        throw new IllegalStateException("more than 64 automaton bits");
      }
      return 1L << next++;
    }

    private void accept(int flags, long last) {
      for (int k = 0; k < accept.length; k++) {
        if ((flags & (1 << k)) != 0) {
          accept[k] |= last;
        }
      }
    }
  }
}
