namespace IlmEnergy.VectorGen;

public static class RepoRoot
{
    /// <summary>The nearest folder above the working directory (or this assembly) holding Directory.Packages.props.</summary>
    public static string Find()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (DirectoryInfo? dir = new(start); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Directory.Packages.props")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("repository root (Directory.Packages.props) not found");
    }
}
