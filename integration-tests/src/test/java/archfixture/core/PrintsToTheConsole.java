package archfixture.core;

/** Breaks "no console output". */
public class PrintsToTheConsole {
    void report() {
        System.out.println("progress");
    }
}
