using GitOrch.Engine.Git;

namespace GitOrch.Engine.Tests;

public class RepositoryLayoutTests
{
    [Theory]
    [InlineData("", "charts/web", "charts/web")]
    [InlineData("apps", "charts/../charts/web", "apps/charts/web")]
    [InlineData("apps", "../secrets", null)]
    [InlineData("", "../outside", null)]
    [InlineData("apps", "/etc", null)]
    public void Resolve_StaysInsideTheManifestFolder(string root, string relative, string? expected) =>
        Assert.Equal(expected, RepositoryLayout.Resolve(root, relative));

    [Fact]
    public void IsManifest_LeavesOutChartFilesAndValuesFiles()
    {
        var charts = RepositoryLayout.ChartFolders(["charts/web/Chart.yaml", "charts/web/templates/a.yaml", "app.yaml"]);

        Assert.False(RepositoryLayout.IsManifest("charts/web/templates/a.yaml", charts));
        Assert.False(RepositoryLayout.IsManifest("values-prod.yaml", charts));
        Assert.True(RepositoryLayout.IsManifest("app.yaml", charts));
        Assert.True(RepositoryLayout.IsManifest("charts/other.yaml", charts));
    }
}
