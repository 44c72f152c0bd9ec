using GitOrch.Api.Validation;
using System.CommandLine;
using GitOrch.Api.Model;

namespace GitOrch.Cli;

/// <summary>What a user types for a kind (plural, singular, kind or short name), resolved or refused in one line.</summary>
public static class KindArgument
{
    public static Argument<string> Create(string description)
    {
        // Named, not listed: the kinds are too many for a usage line; completion and errors list them.
        var argument = new Argument<string>("kind") { Description = description, HelpName = "kind" };
        argument.CompletionSources.Add(_ => Kinds.All.Select(info => info.Resource));
        return argument;
    }

    public static KindInfo Resolve(string text)
    {
        if (Kinds.Resolve(text) is { } info) return info;
        var guess = Suggestions.Closest(text, Kinds.All.SelectMany(known => new[] { known.Resource, known.Kind.ToLowerInvariant() }));
        var hint = guess is null ? "" : $"; did you mean \"{Kinds.Resolve(guess)!.Resource}\"?";
        throw new ArgumentException($"unknown kind \"{text}\"{hint} (known: {string.Join(", ", Kinds.All.Select(k => k.Resource))})");
    }
}
