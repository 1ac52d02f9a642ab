/** jest setup of `npm run test:glass-easel`: the mount harness picks glass-easel (mount-uploader.ts). */
process.env.UPLOADER_FRAMEWORK = 'glass-easel';
