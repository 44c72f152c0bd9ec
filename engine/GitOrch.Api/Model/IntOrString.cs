using System.Globalization;

namespace GitOrch.Api.Model;

/// <summary>A field that holds either a number or a name, such as a Service's targetPort.</summary>
public sealed record IntOrString(string Value)
{
    public bool IsInt => int.TryParse(Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);

    public int AsInt() => int.Parse(Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    public static implicit operator IntOrString(int value) => new(value.ToString(CultureInfo.InvariantCulture));

    public override string ToString() => Value;
}
