package dev.awb.model.transformer;

/**
 * The fixed sinusoidal position table of Vaswani et al. 2017 (§3.5): PE(p, 2i) = sin(p / 10000^(2i/d)),
 * PE(p, 2i+1) = cos(p / 10000^(2i/d)).
 */
final class SinusoidalPositions {
    private SinusoidalPositions() {
    }

    /** The table for {@code length} positions and width {@code width}, row-major [length, width]. */
    static double[] table(int length, int width) {
        double[] table = new double[length * width];
        for (int p = 0; p < length; p++) {
            for (int i = 0; i < width; i++) {
                double angle = p / Math.pow(10000.0, (2 * (i / 2)) / (double) width);
                table[p * width + i] = (i % 2 == 0) ? Math.sin(angle) : Math.cos(angle);
            }
        }
        return table;
    }
}
