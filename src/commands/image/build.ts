import { Args, Flags } from '@oclif/core';
import { BaseCommand } from '../../cli/base-command.js';
import { OFFLINE_IMAGE_NAMES, buildBuiltinImages } from '../../cluster/docker/build-builtin-images.js';

/** ImageBuild builds the docker backend's offline images from host-installed Debian packages. */
export default class ImageBuild extends BaseCommand {
  static override summary = 'Build offline images for the docker backend from host-installed Debian packages.';
  static override description = `For machines without a registry. Each image is almost empty and runs with this machine's /usr
bind-mounted read-only, so the engine must be local. Needs the packages installed on the host:
  etcd:  apt-get install -y etcd-server iptables iproute2
  redis: apt-get install -y redis-server redis-tools iptables iproute2 gcc libc6-dev
  builtin: the built-in store from this package's dist/ (npm run build), with Node from the host (nodejs)
Images are reused until their recipe changes; --force rebuilds.`;
  static override examples = ['<%= config.bin %> image build', '<%= config.bin %> image build etcd', '<%= config.bin %> image build redis --force'];
  static override args = {
    name: Args.string({ options: [...OFFLINE_IMAGE_NAMES, 'all'], default: 'all', description: 'which image' }),
  };
  static override flags = {
    force: Flags.boolean({ default: false, description: 'rebuild even if the image exists' }),
  };

  async run(): Promise<void> {
    const { args, flags } = await this.parse(ImageBuild);
    for (const { name, result } of await buildBuiltinImages([args.name], { force: flags.force })) {
      this.log(`${name}: ${result.tag} ${result.built ? `built in ${Math.round(result.elapsedMs)} ms` : '(already built)'}`);
    }
  }
}
