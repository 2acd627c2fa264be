package io.custodian.media;

/**
 * Thrown when an upload is not an acceptable WAV file; carries a stable {@link WavProblem} so
 * callers can map it to an error code without parsing messages.
 */
public final class InvalidWavException extends Exception {

  private static final long serialVersionUID = 1L;

  private final WavProblem problem;

  /**
   * Creates the exception; {@code detail} adds specifics (offsets, values) to the problem's
   * description.
   */
  public InvalidWavException(WavProblem problem, String detail) {
    super(
        detail.isEmpty()
            ? problem.name() + ": " + problem.description()
            : problem.name() + ": " + problem.description() + " (" + detail + ")");
    this.problem = problem;
  }

  /** The reason code. */
  public WavProblem problem() {
    return problem;
  }
}
