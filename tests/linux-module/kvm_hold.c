/* Hold a KVM virtual machine open while running a command: kvm_hold <command> [args...].
 * Creating a VM makes KVM enable SVM/VMX on every CPU (Linux 6.1 does it at the first VM, not at
 * module load); the command then meets a CPU whose SVM/VMX is someone else's. Exit status: the
 * command's, or 100 when no VM could be created. Static, for the test's initramfs. */
#include <fcntl.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#define KVM_CREATE_VM 0xAE01 /* _IO(KVMIO = 0xAE, 0x01), <linux/kvm.h> */

int main(int argc, char **argv)
{
    int kvm, vm, status;
    pid_t pid;
    if (argc < 2) {
        fprintf(stderr, "usage: kvm_hold <command> [args...]\n");
        return 2;
    }
    if ((kvm = open("/dev/kvm", O_RDWR)) < 0 || (vm = ioctl(kvm, KVM_CREATE_VM, 0)) < 0) {
        perror("kvm_hold: /dev/kvm KVM_CREATE_VM");
        return 100;
    }
    printf("kvm_hold: KVM VM created (fd %d)\n", vm);
    fflush(stdout);
    if ((pid = fork()) == 0) {
        execvp(argv[1], argv + 1);
        perror("kvm_hold: exec");
        _exit(127);
    }
    if (pid < 0 || waitpid(pid, &status, 0) != pid)
        return 101;
    close(vm);
    close(kvm);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}
