import { describe, expect, it } from 'vitest';
import { fitDispersion, nbCdf, nbLogPmf, nbQuantile, pinball } from './quantiles';

describe('negative binomial quantiles', () => {
  it('is Poisson without dispersion: Poisson(2) has P(X ≤ 3) = 0.857 and P(X ≤ 4) = 0.947', () => {
    expect(nbQuantile(2, 0, 0.85)).toBe(3);
    expect(nbQuantile(2, 0, 0.9)).toBe(4);
    expect(nbCdf(3, 2, 0)).toBeCloseTo(0.857123, 5);
    expect(Math.exp(nbLogPmf(0, 2, 0))).toBeCloseTo(Math.exp(-2), 12);
  });

  it('matches the NB pmf worked by hand: μ = 2, α = 0.5 (r = 2, p = r/(r+μ) = 0.5)', () => {
    // P(0) = p^r = 0.25; P(1) = r·p^r·(1−p) = 0.25; P(2) = r(r+1)/2 · p^r (1−p)^2 = 0.1875.
    expect(Math.exp(nbLogPmf(0, 2, 0.5))).toBeCloseTo(0.25, 10);
    expect(Math.exp(nbLogPmf(1, 2, 0.5))).toBeCloseTo(0.25, 10);
    expect(Math.exp(nbLogPmf(2, 2, 0.5))).toBeCloseTo(0.1875, 10);
    expect(nbCdf(2, 2, 0.5)).toBeCloseTo(0.6875, 10);
    expect(nbQuantile(2, 0.5, 0.6)).toBe(2);
  });

  it('widens with dispersion and stays at zero for no demand', () => {
    expect(nbQuantile(10, 0.5, 0.95)).toBeGreaterThan(nbQuantile(10, 0, 0.95));
    expect(nbQuantile(0, 0.5, 0.95)).toBe(0);
    // Far from zero it switches to the normal with the same variance: continuous across the switch.
    expect(Math.abs(nbQuantile(5001, 0.01, 0.9) - nbQuantile(4999, 0.01, 0.9))).toBeLessThan(10);
  });

  it('recovers the dispersion of simulated NB data', () => {
    let seed = 9;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const alpha = 0.4;
    const observations = [];
    for (let i = 0; i < 4000; i++) {
      const mu = 1 + random() * 20;
      // Gamma–Poisson mixture: λ ~ Gamma(shape 1/α, scale αμ) by summing exponentials (shape 2.5 → use inverse-CDF sampling of the NB).
      const u = random();
      let k = 0;
      while (nbCdf(k, mu, alpha) < u) k++;
      observations.push({ mu, actual: k });
    }
    expect(fitDispersion(observations)).toBeGreaterThan(0.33);
    expect(fitDispersion(observations)).toBeLessThan(0.47);
  });

  it('scores quantiles with the pinball loss', () => {
    expect(pinball(10, 8, 0.9)).toBeCloseTo(1.8, 12);
    expect(pinball(8, 10, 0.9)).toBeCloseTo(0.2, 12);
  });
});
