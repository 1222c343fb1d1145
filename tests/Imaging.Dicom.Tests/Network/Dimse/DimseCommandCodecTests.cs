using System.Buffers.Binary;
using Imaging.Dicom.Data;
using Imaging.Dicom.Network;

namespace Imaging.Dicom.Tests.Network;

public class DimseCommandCodecTests
{
    [Fact]
    public void Encoded_command_starts_with_a_group_length_covering_exactly_the_rest()
    {
        var bytes = DimseCommandCodec.Encode(TestCommands.EchoRequest(7));

        Assert.Equal([0, 0, 0, 0, 4, 0, 0, 0], bytes[..8]); // (0000,0000), implicit VR, length 4
        Assert.Equal((uint)(bytes.Length - 12), BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(8)));
        Assert.Equal([0, 0, 2, 0], bytes[12..16]); // then (0000,0002) Affected SOP Class UID
    }

    [Fact]
    public void A_stale_group_length_in_the_dataset_is_replaced()
    {
        var command = TestCommands.EchoRequest(7);
        command.SetValues(DimseCommandTags.CommandGroupLength, DicomVR.UL, 999u);

        Assert.Equal(DimseCommandCodec.Encode(TestCommands.EchoRequest(7)), DimseCommandCodec.Encode(command));
    }

    [Fact]
    public void Decoded_command_has_the_fields_that_were_encoded()
    {
        var command = DimseCommandCodec.Decode(DimseCommandCodec.Encode(TestCommands.StoreRequest(42, "1.2.3.4.5")));

        Assert.Equal(0x0001, command.GetInteger(DimseCommandTags.CommandField));
        Assert.Equal(42, command.GetInteger(DimseCommandTags.MessageId));
        Assert.Equal(SamplePdus.CtImageStorage, command.GetString(DimseCommandTags.AffectedSopClassUid));
        Assert.True(DimseCommandCodec.HasDataSet(command));
        Assert.False(DimseCommandCodec.HasDataSet(TestCommands.EchoRequest(1)));
    }

    [Fact]
    public void Elements_outside_group_0000_are_refused_both_ways()
    {
        var command = TestCommands.EchoRequest(1);
        command.SetString(DicomTag.SopInstanceUid, DicomVR.UI, "1.2.3");
        Assert.Throws<ArgumentException>(() => DimseCommandCodec.Encode(command));

        byte[] foreign = [.. DimseCommandCodec.Encode(TestCommands.EchoRequest(1)), 0x08, 0x00, 0x18, 0x00, 0x02, 0x00, 0x00, 0x00, (byte)'1', 0];
        Assert.Equal(AbortReason.InvalidPduParameterValue, Assert.Throws<DicomNetworkProtocolException>(() => DimseCommandCodec.Decode(foreign)).AbortReason);
    }

    [Fact]
    public void A_truncated_command_is_a_protocol_error()
    {
        var bytes = DimseCommandCodec.Encode(TestCommands.EchoRequest(1));

        Assert.Throws<DicomNetworkProtocolException>(() => DimseCommandCodec.Decode(bytes.AsMemory(0, bytes.Length - 3)));
    }

    [Fact]
    public void A_command_without_a_data_set_type_is_a_protocol_error()
    {
        var command = TestCommands.EchoRequest(1);
        command.Remove(DimseCommandTags.CommandDataSetType);

        Assert.Throws<DicomNetworkProtocolException>(() => DimseCommandCodec.HasDataSet(command));
    }
}
