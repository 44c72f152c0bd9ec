namespace GitOrch.Api.Validation;

/// <summary>What is wrong with one field of an object: its path and what is allowed there.</summary>
public sealed record ValidationProblem(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
