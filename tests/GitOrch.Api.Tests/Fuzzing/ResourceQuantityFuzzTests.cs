using System.Globalization;
using CsCheck;
using GitOrch.Api.Model;
using GitOrch.TestSupport;

namespace GitOrch.Api.Tests.Fuzzing;

/// <summary>
/// The quantity parser against random text (TryParse never throws; Parse fails only with a format error;
/// what parses prints and parses back to itself) and against unit arithmetic (1Ki is 1024, 1k is 1e3).
/// </summary>
public sealed class ResourceQuantityFuzzTests
{
    private static readonly string[] Pieces = ["0", "1", "9", "12", ".", "+", "-", "e", "E", "3", "400", "99999999999", "k", "K", "M", "G", "T", "P", "E", "i", "Ki", "Mi", "Ei", "m", "u", "n", " ", "x"];

    [Fact]
    public void RandomText_ParsesBackToItselfOrIsAFormatError() =>
        Gen.OneOf(Pieces).Array[0, 8].Select(string.Concat).Sample(text =>
        {
            if (ResourceQuantity.TryParse(text, out var quantity))
            {
                Assert.Equal(quantity, ResourceQuantity.Parse(quantity.ToString()));
                _ = quantity.MilliValue;
            }
            else
            {
                Assert.Throws<FormatException>(() => ResourceQuantity.Parse(text));
            }
        }, iter: FuzzBudget.Iterations(50_000), print: text => $"\"{text}\"");

    /// <summary>Found by the fuzzing: thousandths of an amount past a long's range overflowed.</summary>
    [Theory]
    [InlineData("100Ei", long.MaxValue)]
    [InlineData("-100Ei", long.MinValue)]
    [InlineData("9223372036854775807", long.MaxValue)]
    public void MilliValue_OfAnAmountNoNodeHolds_IsHeldAtTheRangeOfALong(string text, long milli) =>
        Assert.Equal(milli, ResourceQuantity.Parse(text).MilliValue);

    [Fact]
    public void EachSuffix_IsItsSmallerNeighbourTimesTheStep() =>
        Gen.Select(Gen.Long[0, 1_000_000], Gen.Int[0, 5], Gen.Bool).Sample((amount, step, binary) =>
        {
            string[] suffixes = binary ? ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"] : ["n", "u", "m", "", "k", "M", "G", "T", "P", "E"];
            var factor = binary ? 1024 : 1000;
            var smaller = suffixes[step];
            var bigger = suffixes[step + 1];

            Assert.Equal(ResourceQuantity.Parse($"{amount * factor}{smaller}"), ResourceQuantity.Parse($"{amount}{bigger}"));
            Assert.Equal(ResourceQuantity.Parse($"{amount}e3"), ResourceQuantity.Parse((amount * 1000).ToString(CultureInfo.InvariantCulture)));
        }, iter: FuzzBudget.Iterations(20_000));
}
