namespace GitOrch.Cli.Tests;

public sealed class DefaultNodeNameTests
{
    [Theory]
    [InlineData("Build-Box", "3d1219c7aa", "build-box-3d1219")]
    [InlineData("web_01.example.com", "abcdef0123", "web-01-example-com-abcdef")]
    [InlineData("___", "0123456789", "node-012345")]
    public void The_host_name_becomes_a_label_with_the_machine_ids_start(string host, string machineId, string expected) =>
        Assert.Equal(expected, DefaultNodeName.For(host, machineId));

    [Fact]
    public void A_long_host_name_is_cut_to_fit_one_DNS_label()
    {
        var name = DefaultNodeName.For(new string('a', 80), "fedcba9876");

        Assert.Equal(63, name.Length);
        Assert.EndsWith("-fedcba", name);
    }

    [Fact]
    public void The_same_machine_always_gets_the_same_name() => Assert.Equal(DefaultNodeName.Current(), DefaultNodeName.Current());
}
