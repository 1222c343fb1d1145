using Imaging.Dicom.Data;
using Imaging.Dicom.IO;

namespace Imaging.Dicom.Tests.Network;

/// <summary>Compares what arrived with what was sent, through our own reader.</summary>
internal static class DataSetAssert
{
    /// <summary>The data sets hold the same elements with the same values. Uncompressed data sets are compared in
    /// Explicit VR Little Endian (a peer may legitimately change byte order or VR encoding); compressed ones must
    /// have kept their transfer syntax and are compared in it. Group lengths and trailing padding are left out:
    /// PS3.5 7.2 and 7.5 let a writer drop or recompute them; sequence and item lengths are
    /// compared in one form, as a writer may switch between defined and undefined lengths (DCMTK does).</summary>
    public static void SameContent(string expectedPath, string actualPath)
    {
        var expected = DicomFileReader.Read(expectedPath);
        var actual = DicomFileReader.Read(actualPath);
        var syntax = DicomTransferSyntax.ExplicitVRLittleEndian;
        if (expected.TransferSyntax.IsEncapsulated)
        {
            Assert.Equal(expected.TransferSyntax.Uid, actual.TransferSyntax.Uid);
            syntax = expected.TransferSyntax;
        }
        Assert.False(actual.IsPartial, $"{actualPath} is partial: {actual.Error?.Message}");
        var expectedBytes = Encode(WithoutOptionalElements(expected.Dataset), syntax);
        var actualBytes = Encode(WithoutOptionalElements(actual.Dataset), syntax);
        Assert.True(expectedBytes.AsSpan().SequenceEqual(actualBytes),
            $"{Path.GetFileName(expectedPath)}: data set differs after transfer ({expectedBytes.Length} vs {actualBytes.Length} bytes)");
    }

    /// <summary>The data set bytes (everything after the meta group) are identical: stored exactly as sent.</summary>
    public static void SameDataSetBytes(string expectedPath, string actualPath)
    {
        var expected = DicomFileReader.Read(expectedPath);
        var actual = DicomFileReader.Read(actualPath);
        Assert.Equal(expected.TransferSyntax.Uid, actual.TransferSyntax.Uid);
        var expectedBytes = File.ReadAllBytes(expectedPath).AsSpan((int)expected.DatasetOffset);
        var actualBytes = File.ReadAllBytes(actualPath).AsSpan((int)actual.DatasetOffset);
        Assert.True(expectedBytes.SequenceEqual(actualBytes), $"{Path.GetFileName(expectedPath)}: stored data set bytes differ from the sent ones");
    }

    /// <summary>A stored Part 10 file starts with a zeroed 128-byte preamble and "DICM".</summary>
    public static void HasZeroedPreamble(string path)
    {
        var head = new byte[132];
        using (var stream = File.OpenRead(path)) stream.ReadExactly(head);
        Assert.All(head[..128], b => Assert.Equal(0, b));
        Assert.Equal("DICM"u8.ToArray(), head[128..]);
    }

    private static DicomDataset WithoutOptionalElements(DicomDataset dataset)
    {
        dataset.RemoveWhere(a => a.Tag.IsGroupLength || a.Tag == new DicomTag(0xFFFC, 0xFFFC));
        foreach (var sequence in dataset.OfType<DicomSequence>())
        {
            sequence.UndefinedLength = true;
            foreach (var item in sequence.Items)
            {
                item.UndefinedLength = true;
                WithoutOptionalElements(item);
            }
        }
        return dataset;
    }

    private static byte[] Encode(DicomDataset dataset, DicomTransferSyntax syntax)
    {
        using var stream = new MemoryStream();
        DicomDatasetWriter.Write(stream, dataset, syntax);
        return stream.ToArray();
    }
}
