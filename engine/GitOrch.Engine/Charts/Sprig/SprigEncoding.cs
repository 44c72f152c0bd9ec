using System.Security.Cryptography;
using System.Text;
using GitOrch.Engine.Charts.GoTemplates;
using static GitOrch.Engine.Charts.GoTemplates.GoBuiltins;
using static GitOrch.Engine.Charts.Sprig.SprigConvert;

namespace GitOrch.Engine.Charts.Sprig;

/// <summary>Sprig's encodings and hashes, and its identifiers: base64, base32, the SHA sums, adler32 and uuidv4.</summary>
public static class SprigEncoding
{
    public static IEnumerable<KeyValuePair<string, GoFunction>> All() => new Dictionary<string, GoFunction>
    {
        ["b64enc"] = (_, a) => Convert.ToBase64String(Bytes(Single(a, "b64enc"))),
        ["b64dec"] = (_, a) => Decode(() => Convert.FromBase64String(ToText(Single(a, "b64dec")))),
        ["b32enc"] = (_, a) => Base32.Encode(Bytes(Single(a, "b32enc"))),
        ["b32dec"] = (_, a) => Decode(() => Base32.Decode(ToText(Single(a, "b32dec")))),
        ["sha1sum"] = (_, a) => Convert.ToHexStringLower(SHA1.HashData(Bytes(Single(a, "sha1sum")))),
        ["sha256sum"] = (_, a) => Convert.ToHexStringLower(SHA256.HashData(Bytes(Single(a, "sha256sum")))),
        ["sha512sum"] = (_, a) => Convert.ToHexStringLower(SHA512.HashData(Bytes(Single(a, "sha512sum")))),
        ["adler32sum"] = (_, a) => Adler32(Bytes(Single(a, "adler32sum"))).ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["uuidv4"] = (_, _) => Guid.NewGuid().ToString(),
    };

    private static byte[] Bytes(object? value) => Encoding.UTF8.GetBytes(ToText(value));

    /// <summary>Sprig returns the decoder's error as the text instead of failing.</summary>
    private static string Decode(Func<byte[]> decode)
    {
        try
        {
            return Encoding.UTF8.GetString(decode());
        }
        catch (FormatException e)
        {
            return e.Message;
        }
    }

    private static uint Adler32(byte[] data)
    {
        uint a = 1, b = 0;
        foreach (var d in data)
        {
            a = (a + d) % 65521;
            b = (b + a) % 65521;
        }
        return (b << 16) | a;
    }

    /// <summary>RFC 4648 base32 with padding, as Go's StdEncoding.</summary>
    private static class Base32
    {
        private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

        public static string Encode(byte[] data)
        {
            var text = new StringBuilder();
            for (var i = 0; i < data.Length; i += 5)
            {
                var chunk = data.Skip(i).Take(5).ToArray();
                ulong buffer = 0;
                for (var j = 0; j < 5; j++) buffer = (buffer << 8) | (j < chunk.Length ? chunk[j] : (byte)0);
                var characters = (chunk.Length * 8 + 4) / 5;
                for (var j = 0; j < 8; j++)
                    text.Append(j < characters ? Alphabet[(int)((buffer >> (35 - j * 5)) & 31)] : '=');
            }
            return text.ToString();
        }

        public static byte[] Decode(string text)
        {
            var bits = new List<byte>();
            ulong buffer = 0;
            var count = 0;
            foreach (var c in text.TrimEnd('='))
            {
                var value = Alphabet.IndexOf(char.ToUpperInvariant(c));
                if (value < 0) throw new FormatException($"illegal base32 data at input byte {text.IndexOf(c)}");
                buffer = (buffer << 5) | (uint)value;
                count += 5;
                if (count >= 8)
                {
                    bits.Add((byte)(buffer >> (count - 8)));
                    count -= 8;
                }
            }
            return [.. bits];
        }
    }
}
