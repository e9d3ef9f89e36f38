namespace IlmEnergy.Testing;

/// <summary>Finds the Debian-packaged server binaries the fixtures run, with a clear message when missing.</summary>
public static class InstalledServer
{
    /// <summary>The path of <paramref name="path"/>, or an exception telling how to install <paramref name="debianPackage"/>.</summary>
    public static string Require(string path, string debianPackage)
    {
        if (File.Exists(path)) return path;
        throw new InvalidOperationException(
            $"{path} is not installed. Run the repository's test script (scripts/test.sh, also run by .ci/run), " +
            $"which installs it, or install it yourself: apt-get install -y {debianPackage} " +
            "(then stop the system service it starts; the tests start their own instances).");
    }
}
