using System.Diagnostics;

namespace GitOrch.Benchmarks;

/// <summary>The median time of a few runs of in-process work.</summary>
internal static class Timing
{
    public static double Median(Action work, int rounds)
    {
        var times = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            work();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        return times.Order().ElementAt(rounds / 2);
    }
}
