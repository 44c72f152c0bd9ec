using CsCheck;

namespace GitOrch.TestSupport;

/// <summary>
/// One edit of a text for fuzzing: insert a token, delete a run, replace a run with a token, or repeat a
/// run (which makes duplicate keys, lines and documents). Positions wrap around the text's length.
/// </summary>
public readonly record struct TextMutation(int Operation, int At, int Length, int Token)
{
    public static Gen<TextMutation[]> Many(int tokenCount, int most = 6) =>
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, 1 << 20], Gen.Int[1, 40], Gen.Int[0, tokenCount - 1],
            (operation, at, length, token) => new TextMutation(operation, at, length, token)).Array[1, most];

    public static string ApplyAll(string text, IEnumerable<TextMutation> mutations, IReadOnlyList<string> tokens) =>
        mutations.Aggregate(text, (current, mutation) => mutation.Apply(current, tokens));

    public string Apply(string text, IReadOnlyList<string> tokens)
    {
        var at = At % (text.Length + 1);
        var length = Math.Min(Length, text.Length - at);
        return Operation switch
        {
            0 => text.Insert(at, tokens[Token]),
            1 => text.Remove(at, length),
            2 => text.Remove(at, length).Insert(at, tokens[Token]),
            _ => text.Insert(at, text.Substring(at, length)),
        };
    }
}
