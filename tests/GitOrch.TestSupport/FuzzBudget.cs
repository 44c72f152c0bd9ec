namespace GitOrch.TestSupport;

/// <summary>
/// How many random inputs each property test tries: sized for a CI run on two cores, and raised for a
/// long hunt by setting GITORCH_FUZZ_ITERATIONS.
/// </summary>
public static class FuzzBudget
{
    public static long Iterations(long inCi) =>
        long.TryParse(Environment.GetEnvironmentVariable("GITORCH_FUZZ_ITERATIONS"), out var asked) && asked > 0 ? asked : inCi;
}
