/**
 * class-transformer interop: `@Type(() => X)`, `@Exclude()` and `@Expose({ name })` mean to
 * us what they mean to class-transformer, without a second annotation; and our instances
 * agree with what `plainToInstance` builds.
 */
import { Exclude, Expose, Type, instanceToPlain, plainToInstance } from 'class-transformer';
import { describe, expect, it } from 'vitest';
import { AvroRecord, Field, schemaOf, typeOf } from '../../decorators/index.js';
import { make, roundTrip } from './helpers.js';

class Photo {
  @Expose() url!: string;
  @Expose() @Type(() => Date) takenAt!: Date;
}

@AvroRecord()
class Album {
  @Field() title!: string;
  @Type(() => Photo) photos!: Photo[];
  @Type(() => Photo) cover!: Photo;
  @Exclude() @Field() password!: string;
  @Expose({ name: 'album_id' }) @Field() albumId!: string;
  @Expose() @Field('int') year!: number;
}

class Shape {
  @Expose() kind!: string;
}
class Circle extends Shape {
  @Expose() @Type(() => Number) radius!: number;
}
class Square extends Shape {
  @Expose() side!: number;
}

@AvroRecord()
class Drawing {
  @Type(() => Shape, {
    discriminator: { property: 'kind', subTypes: [{ name: 'circle', value: Circle }, { name: 'square', value: Square }] },
    keepDiscriminatorProperty: true,
  })
  shapes!: Shape[];
}

describe('class-transformer annotations', () => {
  it('take @Type for the element type, leave @Exclude()d properties out, and use @Expose names', () => {
    const photo = {
      type: 'record', name: 'Photo',
      fields: [{ name: 'url', type: 'string' }, { name: 'takenAt', type: { type: 'long', logicalType: 'timestamp-millis' } }],
    };
    expect(schemaOf(Album)).toEqual({
      type: 'record', name: 'Album',
      fields: [
        { name: 'title', type: 'string' },
        { name: 'photos', type: { type: 'array', items: photo } },
        { name: 'cover', type: 'Photo' },
        { name: 'album_id', type: 'string' },
        { name: 'year', type: 'int' },
      ],
    });
  });

  it('decode to the same instances plainToInstance builds from the plain form', () => {
    const plain = {
      title: 'Summer', photos: [{ url: 'a.jpg', takenAt: '2024-07-01T10:00:00.000Z' }],
      cover: { url: 'c.jpg', takenAt: '2024-07-02T10:00:00.000Z' }, album_id: 'al-1', year: 2024, password: 'x',
    };
    const album = plainToInstance(Album, plain);
    expect(album.photos[0]).toBeInstanceOf(Photo);
    const back = roundTrip(Album, album).back;
    expect(back.photos[0]).toBeInstanceOf(Photo);
    expect(back.cover.takenAt).toEqual(new Date('2024-07-02T10:00:00.000Z'));
    expect(back.albumId).toBe('al-1');
    expect(instanceToPlain(back)).toEqual(instanceToPlain(album));
  });

  it('turn a discriminated @Type into a union of the sub-types, decoded to the right class', () => {
    expect(schemaOf(Drawing)).toEqual({
      type: 'record', name: 'Drawing',
      fields: [{
        name: 'shapes',
        type: {
          type: 'array',
          items: [
            { type: 'record', name: 'Circle', fields: [{ name: 'kind', type: 'string' }, { name: 'radius', type: 'double' }] },
            { type: 'record', name: 'Square', fields: [{ name: 'kind', type: 'string' }, { name: 'side', type: 'double' }] },
          ],
        },
      }],
    });
    const d = plainToInstance(Drawing, { shapes: [{ kind: 'square', side: 2 }, { kind: 'circle', radius: 1 }] });
    const back = typeOf(Drawing).fromBuffer(typeOf(Drawing).toBuffer(d));
    expect(back.shapes.map((s) => s.constructor)).toEqual([Square, Circle]);
    expect(back).toEqual(d);
    expect(roundTrip(Drawing, make(Drawing, { shapes: [] })).back.shapes).toEqual([]);
  });
});
