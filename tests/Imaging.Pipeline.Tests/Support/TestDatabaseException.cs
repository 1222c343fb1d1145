using System.Data.Common;

namespace Imaging.Pipeline.Tests.Support;

/// <summary>A database failure as a provider reports it, transient or not.</summary>
public sealed class TestDatabaseException(string message, bool transient) : DbException(message)
{
    public override bool IsTransient => transient;
}
