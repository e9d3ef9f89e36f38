using IlmEnergy.Firmware.Device.Tests.Fakes;

namespace IlmEnergy.Firmware.Device.Tests;

public class SequenceAllocatorTests
{
    [Fact]
    public void NumbersStartAtZeroAndAFlashWriteHappensOncePerBlock()
    {
        DeviceStateStore store = DeviceStateStore.OpenAtBoot(new MemoryFileStore());
        SequenceAllocator sequence = new(store, 64);
        int savesAtStart = store.SaveCount;

        for (long expected = 0; expected < 640; expected++)
        {
            Assert.Equal(expected, sequence.Next());
        }

        Assert.Equal(10, store.SaveCount - savesAtStart);
        Assert.Equal(640, sequence.PeekNext);
    }

    [Fact]
    public void AfterARebootNumberingContinuesFromTheReservedEnd()
    {
        MemoryFileStore files = new();
        SequenceAllocator first = new(DeviceStateStore.OpenAtBoot(files), 64);
        for (int i = 0; i < 10; i++)
        {
            first.Next();
        }

        SequenceAllocator second = new(DeviceStateStore.OpenAtBoot(files), 64);
        Assert.Equal(64, second.PeekNext);
        Assert.Equal(64, second.Next());
    }

    /// <summary>
    /// 10,000 numbers over 50+ simulated power cycles, rotating through: a clean reboot at a random
    /// point, a reboot right after a reservation reached flash, and power lost at a random byte of a
    /// reservation write (also of the boot counter write). Every number must exceed all earlier ones.
    /// </summary>
    [Fact]
    public void TenThousandNumbersAcrossFiftyRebootsAreStrictlyIncreasing()
    {
        MemoryFileStore files = new();
        Random random = new(2026);
        List<long> issued = [];
        int reboots = 0, afterReservation = 0, tornReservation = 0, tornBoot = 0;

        while (issued.Count < 10_000 || reboots < 50)
        {
            int scenario = reboots % 4;
            DeviceStateStore store;
            if (scenario == 3)
            {
                // Power dies while the boot counter is being saved; the next boot must still be sane.
                files.FailAfterBytes(random.Next(0, 40));
                Assert.Throws<PowerLossException>(() => DeviceStateStore.OpenAtBoot(files));
                files.Reboot();
                tornBoot++;
            }

            store = DeviceStateStore.OpenAtBoot(files);
            SequenceAllocator sequence = new(store, 64);
            int budget = random.Next(20, 400);
            for (int n = 0; n < budget; n++)
            {
                bool willReserve = sequence.PeekNext >= store.Current.SeqReservedEnd;
                if (willReserve && scenario == 1 && n > 0)
                {
                    files.FailAfterBytes(random.Next(0, 60));
                    Assert.Throws<PowerLossException>(() => sequence.Next());
                    tornReservation++;
                    break;
                }

                issued.Add(sequence.Next());
                if (willReserve && scenario == 2 && n > 0)
                {
                    afterReservation++;
                    break;
                }
            }

            files.Reboot();
            reboots++;
        }

        for (int i = 1; i < issued.Count; i++)
        {
            Assert.True(issued[i] > issued[i - 1], $"number {issued[i]} after {issued[i - 1]} at index {i}");
        }

        Assert.True(issued.Count >= 10_000);
        Assert.True(reboots >= 50);
        Assert.True(afterReservation >= 5 && tornReservation >= 5 && tornBoot >= 5,
            $"after-reservation {afterReservation}, torn reservation {tornReservation}, torn boot {tornBoot}");
    }

    [Fact]
    public void RaiseFloorMovesNumberingUpDurablyAndNeverDown()
    {
        MemoryFileStore files = new();
        SequenceAllocator sequence = new(DeviceStateStore.OpenAtBoot(files), 64);
        sequence.Next();
        sequence.RaiseFloor(1_800_000_000_000);
        Assert.Equal(1_800_000_000_000, sequence.Next());
        sequence.RaiseFloor(5);
        Assert.Equal(1_800_000_000_001, sequence.Next());

        SequenceAllocator afterReboot = new(DeviceStateStore.OpenAtBoot(files), 64);
        Assert.True(afterReboot.Next() > 1_800_000_000_001);
    }

    [Fact]
    public void AFailedReservationWriteWithoutARebootHandsOutNothingFromTheUnsavedBlock()
    {
        MemoryFileStore files = new();
        SequenceAllocator sequence = new(DeviceStateStore.OpenAtBoot(files), 64);
        for (int i = 0; i < 64; i++)
        {
            sequence.Next();
        }

        files.FailNextWrite();
        Assert.Throws<IOException>(() => sequence.Next());
        long next = sequence.Next(); // retries the reservation, which now reaches flash
        Assert.Equal(64, next);

        SequenceAllocator afterReboot = new(DeviceStateStore.OpenAtBoot(files), 64);
        Assert.True(afterReboot.Next() > next);
    }
}
