namespace GitOrch.Cli;

/// <summary>Exit codes, as documented in the README.</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Usage = 2;
    public const int Unreachable = 3;
    public const int Forbidden = 4;
}
