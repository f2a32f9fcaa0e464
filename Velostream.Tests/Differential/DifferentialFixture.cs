namespace Velostream.Tests.Differential;

/// <summary>Generates the data set once into a temporary folder and loads it into DuckDB.</summary>
public sealed class DifferentialFixture : IDisposable
{
    public DifferentialFixture()
    {
        Root = Directory.CreateTempSubdirectory("velostream-differential-").FullName;
        DataDirectory = Path.Combine(Root, "data");
        Directory.CreateDirectory(DataDirectory);
        DifferentialDataSet.WriteTo(DataDirectory);
        Oracle = new DuckDbOracle(DataDirectory);
    }

    public string Root { get; }

    public string DataDirectory { get; }

    internal DuckDbOracle Oracle { get; }

    public void Dispose()
    {
        Oracle.Dispose();
        Directory.Delete(Root, recursive: true);
    }
}
