package cnn.compiler.cli.train;

/** How {@code cnnc train} shows progress. */
public enum ProgressMode {
    /** A bar when the console is a terminal, lines otherwise. */
    auto,
    /** A bar redrawn in place. */
    bar,
    /** Plain periodic lines. */
    lines,
    /** A line per finished epoch, nothing in between. */
    none
}
