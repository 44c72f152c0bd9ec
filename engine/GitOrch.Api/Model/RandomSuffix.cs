namespace GitOrch.Api.Model;

/// <summary>The five-character suffix that makes generated pod names unique.</summary>
public static class RandomSuffix
{
    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";

    public static string Next() => string.Create(5, 0, (span, _) =>
    {
        for (var i = 0; i < span.Length; i++)
            span[i] = Alphabet[Random.Shared.Next(Alphabet.Length)];
    });
}
