#!/usr/bin/env python3
"""Independent oracle for BdRateTest: PCHIP (SciPy's slope rules) written from the papers, integrated
numerically with composite Simpson (not the closed form the Java code uses). Standard library only;
if SciPy is importable, also prints SciPy's PchipInterpolator.integrate result as a cross-check.
Run: python3 bdrate_oracle.py"""
import math


def pchip_slopes(x, y):
    n = len(x)
    h = [x[k + 1] - x[k] for k in range(n - 1)]
    m = [(y[k + 1] - y[k]) / h[k] for k in range(n - 1)]
    if n == 2:
        return [m[0], m[0]]
    d = [0.0] * n
    for k in range(1, n - 1):
        if m[k - 1] * m[k] > 0:
            w1, w2 = 2 * h[k] + h[k - 1], h[k] + 2 * h[k - 1]
            d[k] = (w1 + w2) / (w1 / m[k - 1] + w2 / m[k])

    def end(h0, h1, m0, m1):
        s = ((2 * h0 + h1) * m0 - h0 * m1) / (h0 + h1)
        if math.copysign(1, s) != math.copysign(1, m0) or s == 0:
            return 0.0
        if math.copysign(1, m0) != math.copysign(1, m1) and abs(s) > abs(3 * m0):
            return 3 * m0
        return s

    d[0] = end(h[0], h[1], m[0], m[1])
    d[-1] = end(h[-1], h[-2], m[-1], m[-2])
    return d


def pchip(x, y):
    d = pchip_slopes(x, y)

    def f(q):
        k = max(i for i in range(len(x) - 1) if x[i] <= q) if q < x[-1] else len(x) - 2
        hk = x[k + 1] - x[k]
        t = (q - x[k]) / hk
        return ((2 * t**3 - 3 * t**2 + 1) * y[k] + (t**3 - 2 * t**2 + t) * hk * d[k]
                + (-2 * t**3 + 3 * t**2) * y[k + 1] + (t**3 - t**2) * hk * d[k + 1])
    return f


def simpson(f, a, b, n=200000):
    hs = (b - a) / n
    s = f(a) + f(b) + sum((4 if i % 2 else 2) * f(a + i * hs) for i in range(1, n))
    return s * hs / 3


def bdrate(ref, cand):
    qr, lr = [p[1] for p in ref], [math.log(p[0]) for p in ref]
    qc, lc = [p[1] for p in cand], [math.log(p[0]) for p in cand]
    lo, hi = max(min(qr), min(qc)), min(max(qr), max(qc))
    fr, fc = pchip(qr, lr), pchip(qc, lc)
    avg = (simpson(fc, lo, hi) - simpson(fr, lo, hi)) / (hi - lo)
    return (math.exp(avg) - 1) * 100, lo, hi


def scipy_bdrate(ref, cand):
    from scipy.interpolate import PchipInterpolator
    import numpy as np
    fr = PchipInterpolator([p[1] for p in ref], np.log([p[0] for p in ref]))
    fc = PchipInterpolator([p[1] for p in cand], np.log([p[0] for p in cand]))
    lo = max(ref[0][1], cand[0][1]); hi = min(ref[-1][1], cand[-1][1])
    return (math.exp((fc.integrate(lo, hi) - fr.integrate(lo, hi)) / (hi - lo)) - 1) * 100


CASES = {
    # (rate kbps, PSNR-Y dB), sorted by quality
    "curved": ([(100, 30.0), (180, 33.2), (350, 36.1), (700, 38.9), (1500, 41.0)],
               [(90, 30.6), (160, 33.0), (300, 35.5), (640, 39.4)]),
    # steep second secant: the reference's first end slope is zeroed
    "end-slope-clipped": ([(100, 30.0), (110, 31.0), (800, 32.0), (1000, 36.0)],
                          [(95, 30.5), (130, 31.5), (700, 33.0), (900, 35.0), (1200, 37.0)]),
}

if __name__ == "__main__":
    for name, (ref, cand) in CASES.items():
        value, lo, hi = bdrate(ref, cand)
        line = f"{name}: BD-rate {value:.12f} % over [{lo}, {hi}]"
        try:
            line += f"; scipy {scipy_bdrate(ref, cand):.12f} %"
        except ImportError:
            pass
        print(line)
    f = pchip([p[1] for p in CASES["curved"][0]], [math.log(p[0]) for p in CASES["curved"][0]])
    print(f"curved reference rate at 37.0 dB: {math.exp(f(37.0)):.12f}")
