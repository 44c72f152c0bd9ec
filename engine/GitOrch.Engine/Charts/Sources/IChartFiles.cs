namespace GitOrch.Engine.Charts.Sources;

/// <summary>The files of one chart, wherever they live: a Git tree or a folder on disk.</summary>
public interface IChartFiles
{
    /// <summary>The chart's folder as users know it, used in file names of errors.</summary>
    string Root { get; }

    /// <summary>The text of a file given relative to the chart's folder, or null when there is none.</summary>
    string? ReadText(string relativePath);

    /// <summary>The bytes of a file, for archives such as a subchart's .tgz; null when there is none.</summary>
    byte[]? ReadBytes(string relativePath);

    /// <summary>The names of the files directly in a folder of the chart, in ordinal order.</summary>
    IReadOnlyList<string> ListFiles(string relativeFolder);

    /// <summary>Every file of the chart, as paths relative to its folder, in ordinal order.</summary>
    IReadOnlyList<string> ListAllFiles();
}
