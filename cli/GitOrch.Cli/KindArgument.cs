using GitOrch.Api.Model;

namespace GitOrch.Cli;

/// <summary>What a user types for a kind (plural, singular, kind or short name), resolved or refused in one line.</summary>
public static class KindArgument
{
    public static KindInfo Resolve(string text) =>
        Kinds.Resolve(text) ?? throw new ArgumentException($"unknown kind \"{text}\" (known: {string.Join(", ", Kinds.All.Select(k => k.Resource))})");
}
