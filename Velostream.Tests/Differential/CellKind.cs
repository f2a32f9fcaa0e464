namespace Velostream.Tests.Differential;

internal enum CellKind
{
    Null,
    Exact,
    Approximate,
    Text,
    Boolean,
}
